print("qaf")

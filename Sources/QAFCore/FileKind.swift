import Foundation

/// What kind of thing a path is, for the walks that read folders and the checks that guard outputs.
public enum FileKind {
    /// "a FIFO", "a device", … as a message names a file that is not regular.
    public static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// Whether `input` (a file, or a folder and the files directly in it) is the file `info` describes.
    public static func sameFile(_ input: String, _ info: stat) -> Bool {
        var other = stat()
        guard input != "-", stat(input, &other) == 0 else { return false }
        if other.st_dev == info.st_dev, other.st_ino == info.st_ino { return true }
        guard other.st_mode & S_IFMT == S_IFDIR,
            let names = try? FileManager.default.contentsOfDirectory(atPath: input)
        else { return false }
        return names.contains { name in
            var child = stat()
            return stat((input as NSString).appendingPathComponent(name), &child) == 0
                && child.st_dev == info.st_dev && child.st_ino == info.st_ino
        }
    }
}

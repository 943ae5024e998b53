import Core
import Foundation
import GRDB
import Registry

/// Whether trying again can succeed. A full disk, an I/O error or a busy lock can clear up by
/// themselves, so the running daemon retries them with backoff; bad labels, an incompatible
/// model or a damaged file cannot, so they are recorded as failed at once with their reason.
public enum FailureKind: String, Sendable, Equatable {
    case transient
    case permanent

    public init(of error: any Error) {
        switch error {
        case let error as AtomicFileError:
            self = Self(errno: error.code)
        case RegistryError.io(_, _, let code):
            self = Self(errno: code)
        case let error as DatabaseError:
            switch error.resultCode.primaryResultCode {
            case .SQLITE_FULL, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PROTOCOL:
                self = .transient
            default:
                self = .permanent
            }
        case let error as POSIXError:
            self = Self(errno: error.code.rawValue)
        case let error as CocoaError:
            let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
            if let underlying, underlying.domain == NSPOSIXErrorDomain {
                self = Self(errno: Int32(underlying.code))
            } else {
                self = [.fileWriteOutOfSpace, .fileWriteUnknown, .fileLocking].contains(error.code) ? .transient : .permanent
            }
        case is TransientFailure:
            self = .transient
        default:
            self = .permanent
        }
    }

    /// Out of space or quota, interrupted or busy, too many open files, an I/O error.
    init(errno code: Int32) {
        let passing: Set<Int32> = [ENOSPC, EDQUOT, EIO, EAGAIN, EBUSY, EINTR, ENFILE, EMFILE, ENOMEM, ETIMEDOUT]
        self = passing.contains(code) ? .transient : .permanent
    }
}

/// An error that says of itself that it may pass, for seams (and tests) that know it.
public struct TransientFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

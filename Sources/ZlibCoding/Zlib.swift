import CZlib

/// DEFLATE through the system's zlib, within limits: inflation never produces more than the
/// caller allows, whatever the input claims or contains (a few kilobytes can inflate to
/// gigabytes).
public enum Zlib {
    /// How the DEFLATE data is wrapped.
    public enum Format: Sendable {
        /// Bare DEFLATE (RFC 1951), as in ZIP entries (method 8).
        case raw
        /// One gzip member (RFC 1952), as HTTP's `gzip` content coding: header, DEFLATE data,
        /// CRC-32 and length, both checked by zlib.
        case gzip

        /// The inflated size `input` states, if its format states one: a gzip member's last
        /// four bytes (ISIZE, RFC 1952 section 2.3.1, little-endian, the size modulo 2^32).
        func claimedInflatedSize(of input: ArraySlice<UInt8>) -> Int? {
            guard case .gzip = self, input.count >= 18 else { return nil }
            let end = input.endIndex
            return (1...4).reduce(0) { size, back in size << 8 | Int(input[end - back]) }
        }

        var windowBits: Int32 {
            switch self {
            case .raw: -MAX_WBITS
            case .gzip: MAX_WBITS + 16
            }
        }
    }

    /// What inflating gave: the bytes, and how many input bytes came after the end of the
    /// compressed data (0 when it ended exactly at the input's end).
    public struct Inflated: Sendable {
        public var bytes: [UInt8]
        public var unusedInputBytes: Int
    }

    /// The bytes `input` inflates to, at most `limit` of them: inflation stops as soon as the
    /// output would pass `limit` (one 64 KiB chunk at most is produced beyond what is kept).
    public static func inflate(_ input: ArraySlice<UInt8>, format: Format, limit: Int) throws(InflateError)
        -> Inflated
    {
        var stream = z_stream()
        guard inflateInit2_(&stream, format.windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw .invalid("zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        // gzip ends with the inflated size (mod 2^32): a claim, so it only sizes the buffer, and
        // never beyond `limit`. One buffer of the right size is filled without regrowing (each
        // regrowth copies what is there and touches fresh pages).
        if let claimed = format.claimedInflatedSize(of: input) { output.reserveCapacity(min(claimed, limit)) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let outcome: Result<Int, InflateError> = input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, let available = UInt32(exactly: source.count) else {
                return .failure(.truncated)
            }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = available
            while true {
                let before = stream.avail_in
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, buffer.count - Int(stream.avail_out))
                }
                if produced > limit - output.count { return .failure(.tooLong(limit: limit)) }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END:
                    return .success(Int(stream.avail_in))
                case Z_OK:
                    // zlib promises progress on Z_OK; never spin if it makes none.
                    if produced == 0 && stream.avail_in == before { return .failure(.truncated) }
                case Z_BUF_ERROR:
                    return .failure(.truncated)
                default:
                    return .failure(.invalid(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"))
                }
            }
        }
        switch outcome {
        case .success(let unused): return Inflated(bytes: output, unusedInputBytes: unused)
        case .failure(let error): throw error
        }
    }

    /// `input` deflated in `format` at `level` (1 fastest … 9 smallest; JSON shrinks 5-20 times
    /// at level 1, at several hundred MB/s).
    public static func deflate(_ input: [UInt8], format: Format, level: Int32 = 1) -> [UInt8] {
        var stream = z_stream()
        let started = deflateInit2_(
            &stream, level, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "zlib could not start deflating (out of memory)")
        defer { deflateEnd(&stream) }
        // Left uninitialized: zlib writes what it produces, and the pages past it (JSON shrinks
        // 5-20 times) are never touched. Zero-filling the whole bound faulted in some 2 MiB of
        // fresh pages per push batch of 10,000 changes.
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        let output = [UInt8](unsafeUninitializedCapacity: bound) { target, initialized in
            input.withUnsafeBufferPointer { source in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                // The output holds deflateBound bytes, so one call finishes the stream.
                let status = CZlib.deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate did not finish within deflateBound (\(status))")
                initialized = target.count - Int(stream.avail_out)
            }
        }
        return output
    }

    /// The CRC-32 of `bytes` (ZIP's and gzip's checksum).
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc = CZlib.crc32(0, nil, 0)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let length = min(buffer.count - offset, 1 << 30)
                crc = CZlib.crc32(crc, base + offset, UInt32(length))
                offset += length
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

/// Why compressed data could not be inflated.
public enum InflateError: Error, Equatable, Sendable {
    /// It inflates to more than the caller allows.
    case tooLong(limit: Int)
    /// It ends before the compressed data does.
    case truncated
    /// It is not data of the expected format (zlib's message).
    case invalid(String)
}

using System.Buffers.Binary;

namespace Talus.Web.Data;

/// <summary>
/// The default ids and concurrency versions of entities. <see cref="Guid.NewGuid"/> (and <see cref="Guid.CreateVersion7()"/>,
/// which calls it) reads the operating system's random source, a system call; a property initializer runs for every
/// entity EF reads, before EF sets the stored values, so a page of 20 patients paid 40 of them for values it threw away
/// (decision 0017, fifth addendum). Ids and versions must be unique, not secret: their random bits come from the
/// runtime's per-thread generator, seeded once from the operating system. Secrets (tokens, keys, passwords) never use these.
/// </summary>
public static class Ids
{
    /// <summary>A version 7 UUID (RFC 9562): the Unix time in milliseconds, then 74 random bits; ordered by creation time as Guid.CreateVersion7's are.</summary>
    public static Guid NewV7()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        // The wall clock, as Guid.CreateVersion7 reads it: an id orders creation, it is not the application's time.
        var ms = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(ms >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)ms);
        bytes[6] = (byte)(bytes[6] & 0x0F | 0x70);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A new random concurrency version (a version 4 UUID's layout).</summary>
    public static Guid NewVersion()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[6] = (byte)(bytes[6] & 0x0F | 0x40);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

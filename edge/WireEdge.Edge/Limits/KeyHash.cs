using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace WireEdge.Edge.Limits;

/// <summary>Seeded 64-bit hashing of limit keys (address, user, path) without allocating.</summary>
internal static class KeyHash
{
    private static readonly ulong Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    public static ulong Of(Guid user) => Mix(Mix(Seed, 1), MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in user)));

    public static ulong Of(IPAddress? address)
    {
        Span<byte> b = stackalloc byte[16];
        var n = address is not null && address.TryWriteBytes(b, out var written) ? written : 0;
        return Mix(Mix(Seed, 2), b[..n]);
    }

    public static ulong With(ulong h, ReadOnlySpan<char> path) => Mix(Mix(h, 3), MemoryMarshal.AsBytes(path));

    private static ulong Mix(ulong h, ulong v)
    {
        h ^= v;
        h *= 0x9E3779B97F4A7C15UL;
        return h ^ (h >> 29);
    }

    private static ulong Mix(ulong h, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            h = Mix(h, MemoryMarshal.Read<ulong>(data));
            data = data[8..];
        }

        ulong tail = (ulong)data.Length << 56;
        for (var i = 0; i < data.Length; i++)
        {
            tail |= (ulong)data[i] << (8 * i);
        }

        h = Mix(h, tail);
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        return h ^ (h >> 32);
    }
}

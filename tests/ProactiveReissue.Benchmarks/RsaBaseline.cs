using System.Diagnostics;
using System.Security.Cryptography;

namespace ProactiveReissue.Benchmarks;

/// <summary>Raw RSA-2048 PKCS#1 SHA-256 signatures per second on this machine, now: the baseline.</summary>
public static class RsaBaseline
{
    /// <summary>Process CPU time per signature on one thread, µs: what one signature costs whatever else runs on the machine.</summary>
    public static double CpuMicrosecondsPerSign(int signs)
    {
        using var rsa = RSA.Create(2048);
        var data = RandomNumberGenerator.GetBytes(32);
        for (var i = 0; i < 50; i++)
        {
            rsa.SignHash(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < signs; i++)
        {
            rsa.SignHash(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / signs;
    }

    public static double SignsPerSecond(int threads, TimeSpan duration)
    {
        var total = 0L;
        var workers = Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            using var rsa = RSA.Create(2048);
            var data = RandomNumberGenerator.GetBytes(32);
            var n = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                rsa.SignHash(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                n++;
            }

            Interlocked.Add(ref total, n);
        })).ToArray();
        var wall = Stopwatch.StartNew();
        Task.WaitAll(workers);
        return total / wall.Elapsed.TotalSeconds;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// A thread that sleeps 1 ms at a time and records how late it wakes: on two cores at half load a woken thread runs
/// at once, so a wake-up 10 ms late means this machine's CPUs were taken away (by the host, or by every core being
/// busy), not that the gateway waited for its disk. Run beside a timed phase to tell the two apart.
/// </summary>
public sealed class StallProbe : IDisposable
{
    private readonly Thread _thread;
    private readonly List<double> _late = [];
    private volatile bool _stop;
    private long _wakeUps;

    private StallProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "stall probe" };
        _thread.Start();
    }

    public static StallProbe Start() => new();

    /// <summary>Stops the probe; the wake-ups more than 5, 10 and 25 ms late, and the latest, as one line.</summary>
    public string Stop()
    {
        _stop = true;
        _thread.Join();
        lock (_late)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{_wakeUps:N0} wake-ups: {_late.Count(l => l > 5)} over 5 ms late, {_late.Count(l => l > 10)} over 10, {_late.Count(l => l > 25)} over 25; latest {(_late.Count == 0 ? 0 : _late.Max()):0.0} ms");
        }
    }

    public void Dispose()
    {
        if (!_stop)
        {
            Stop();
        }
    }

    private void Run()
    {
        while (!_stop)
        {
            var started = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
            var late = Stopwatch.GetElapsedTime(started).TotalMilliseconds - 1;
            _wakeUps++;
            if (late > 5)
            {
                lock (_late)
                {
                    _late.Add(late);
                }
            }
        }
    }
}

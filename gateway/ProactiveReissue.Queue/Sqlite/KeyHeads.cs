using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// The undelivered messages of each ordering key, in seq order, kept in memory instead of an index of the file: the
/// lease scan asks <see cref="IsHead"/> of each row it reads. A key's head is its oldest message still to deliver —
/// not dead, not acked — so a status never overtakes the one before it.
/// <para>
/// Why not an index: the bus's ordering keys are conversation ids (hashes and UUIDs) with no relation to the order
/// of arrival, so an index on them takes every insert and every delete to a random page of the file. Each commit
/// then writes a WAL page per message for that index alone, and the checkpoint copies it again: with such keys the
/// index halved the queue's enqueue rate and doubled the store's own cost per delivered message (see
/// <c>docs/perf-queue.md</c>, "Session 10").
/// </para>
/// A key is held as a 64-bit hash, seeded anew in each process, not as its text: about 32 bytes per key with a message
/// waiting (a million keys took about 80 MB with the map's growth) instead of about 200. Two keys that hashed alike
/// would only share one order (the later message waits for the earlier one to be delivered or dead-lettered); with a
/// million keys waiting that happens with a probability of about 3 in 100 million, and an outsider cannot aim for it,
/// since the seeds are not known outside the process. After an open it fills again as the lease scans pass the stored
/// messages (see <c>SqliteQueueStore.CountBacklog</c>). Not thread-safe: the store reads and writes it under its write lock.
/// </summary>
public sealed class KeyHeads
{
    /// <summary>Entries the map may keep allocated once nothing waits (about 32 bytes each).</summary>
    private const int TrimAbove = 4_096;

    private readonly Dictionary<long, Waiting> _keys = [];

    /// <summary>Keys with at least one message waiting.</summary>
    public int Count => _keys.Count;

    public static long HashOf(string key)
    {
        var high = key.GetHashCode(); // Marvin, seeded per process
        var low = new HashCode(); // xxHash32, seeded per process independently
        low.AddBytes(MemoryMarshal.AsBytes(key.AsSpan()));
        return ((long)high << 32) | (uint)low.ToHashCode();
    }

    /// <summary>
    /// True if <paramref name="sequence"/> is the oldest message of its key still to deliver (and for a key with nothing
    /// waiting, which the store never asks: better to deliver than to hold a message forever).
    /// </summary>
    public bool IsHead(long key, long sequence) => !_keys.TryGetValue(key, out var waiting) || waiting.Head == sequence;

    /// <summary>A message of the key is waiting: newly stored (the usual case: the largest seq yet) or replayed.</summary>
    public void Add(long key, long sequence)
    {
        ref var waiting = ref CollectionsMarshal.GetValueRefOrAddDefault(_keys, key, out var exists);
        if (!exists)
        {
            waiting = new Waiting(sequence);
            return;
        }

        if (sequence == waiting.Head)
        {
            return; // already waiting
        }

        var rest = waiting.Rest ??= [];
        if (sequence < waiting.Head)
        {
            rest.Insert(0, waiting.Head);
            waiting.Head = sequence;
        }
        else if (rest.Count == 0 || sequence > rest[^1])
        {
            rest.Add(sequence);
        }
        else if (rest.BinarySearch(sequence) is var at && at < 0)
        {
            rest.Insert(~at, sequence);
        }
    }

    /// <summary>A message of the key is no longer waiting: delivered or dead-lettered.</summary>
    public void Remove(long key, long sequence)
    {
        ref var waiting = ref CollectionsMarshal.GetValueRefOrNullRef(_keys, key);
        if (Unsafe.IsNullRef(ref waiting))
        {
            return;
        }

        if (waiting.Head != sequence)
        {
            if (waiting.Rest?.BinarySearch(sequence) is >= 0 and var at)
            {
                waiting.Rest.RemoveAt(at);
            }

            return;
        }

        if (waiting.Rest is not { Count: > 0 } rest)
        {
            _keys.Remove(key);
            if (_keys.Count == 0 && _keys.Capacity > TrimAbove)
            {
                _keys.TrimExcess(); // a large backlog has drained: give its memory back
            }

            return;
        }

        waiting.Head = rest[0];
        rest.RemoveAt(0);
    }

    /// <summary>The oldest message waiting, and the later ones in seq order (null while there are none).</summary>
    private struct Waiting(long head)
    {
        public long Head = head;
        public List<long>? Rest;
    }
}

using System.Numerics;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// One table of the queue: the messages whose seqs fall in [<see cref="First"/>, <see cref="Last"/>]. Delivered
/// messages are not deleted row by row: their acks are marked here (and logged in <c>outbox_acks</c>), and once
/// every row of a table is acked or dead-lettered the whole table is dropped, which frees its pages for about a tenth
/// of what deleting its rows one at a time costs. Read and written under the store's write lock only.
/// </summary>
internal sealed class Segment : IDisposable
{
    private readonly ulong[] _acked;

    public Segment(long number, int rows)
    {
        Number = number;
        Rows = rows;
        _acked = new ulong[(rows + 63) / 64];
        Table = TableOf(number);
        AckedThrough = First - 1;
    }

    public long Number { get; }

    public int Rows { get; }

    public long First => Number * Rows;

    public long Last => First + Rows - 1;

    public string Table { get; }

    /// <summary>Rows in the table that are neither acked nor moved out (dead-lettered).</summary>
    public int Live { get; set; }

    /// <summary>The last seq of the run of acked seqs the table starts with (<see cref="First"/> - 1: none): a scan may begin after it.</summary>
    public long AckedThrough { get; private set; }

    /// <summary>The statements of this table, prepared on the write connection when first used and disposed with it.</summary>
    public RawStatement? Scan { get; set; }

    public RawStatement? Insert { get; set; }

    public static string TableOf(long number) => $"outbox_seg_{number}";

    public bool Contains(long sequence) => sequence >= First && sequence <= Last;

    public bool IsAcked(long sequence)
    {
        var offset = sequence - First;
        return (_acked[offset >> 6] & (1UL << (int)(offset & 63))) != 0;
    }

    /// <summary>Marks the seq acked; false if it already was.</summary>
    public bool MarkAcked(long sequence)
    {
        var offset = sequence - First;
        ref var word = ref _acked[offset >> 6];
        var bit = 1UL << (int)(offset & 63);
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        while (AckedThrough < Last && IsAcked(AckedThrough + 1))
        {
            AckedThrough++;
        }

        return true;
    }

    public int AckedCount()
    {
        var count = 0;
        foreach (var word in _acked)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    public void Dispose()
    {
        Scan?.Dispose();
        Insert?.Dispose();
        (Scan, Insert) = (null, null);
    }
}

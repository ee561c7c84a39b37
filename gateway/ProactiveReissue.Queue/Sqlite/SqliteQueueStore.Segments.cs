using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// The messages live in segment tables of <see cref="_segmentRows"/> seqs each (<see cref="Segment"/>). A delivered
/// message's row stays until its whole table is dropped; its ack is marked in memory and, every <see cref="AckFlush"/>
/// acks, logged as runs of seqs in <c>outbox_acks</c>, so a restart does not deliver it again. A dead letter moves to the
/// <c>outbox</c> table, a replay moves it back into the table of its seq (made again if it was dropped). Every field here
/// is read and written under <see cref="_writeLock"/>; tables are made and dropped only in the writer's transactions.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Seqs per segment table by default: 16 MB of 1 KB messages, a few dozen tables for a backlog of a million.</summary>
    public const int DefaultSegmentRows = 16_384;

    /// <summary>Seqs per segment table: as the file was made (kept in <c>outbox_meta</c>), whatever a later open asks for.</summary>
    private int _segmentRows;

    /// <summary>The segment tables in the file, in seq order.</summary>
    private readonly List<Segment> _segments = [];

    /// <summary>Segments the writer's current transaction made or dropped: undone if it rolls back.</summary>
    private readonly List<Segment> _segmentsMade = [];
    private readonly List<Segment> _segmentsDropped = [];

    /// <summary>The seq the next stored message gets (the writer's, under the write lock).</summary>
    private long _nextSeq = 1;

    /// <summary>The columns of a segment table, in the order its INSERT binds them.</summary>
    public static string SegmentSchema(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table}(
          seq INTEGER PRIMARY KEY,
          message_id TEXT NOT NULL UNIQUE,
          destination TEXT NOT NULL,
          ordering_key TEXT NOT NULL,
          content_type TEXT NOT NULL,
          payload BLOB NOT NULL,
          enqueued_ms INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          not_before_ms INTEGER NOT NULL,
          last_error TEXT)
        """;

    /// <summary>The INSERT of a message into a segment table: ?1 seq, ?2 messageId, ?3 destination, ?4 key, ?5 content type, ?6 payload, ?7 now.</summary>
    public static string SegmentInsertSql(string table) => $"""
        INSERT INTO {table}(seq, message_id, destination, ordering_key, content_type, payload, enqueued_ms, not_before_ms)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT(message_id) DO NOTHING
        """;

    private const string SegmentColumns = "seq, message_id, destination, ordering_key, content_type, payload, enqueued_ms, attempts, not_before_ms, last_error";

    /// <summary>The segment holding <paramref name="sequence"/>, null if its table is not in the file.</summary>
    private Segment? SegmentOf(long sequence)
    {
        var number = sequence / _segmentRows;
        int low = 0, high = _segments.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            var found = _segments[middle].Number;
            if (found == number)
            {
                return _segments[middle];
            }

            (low, high) = found < number ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    /// <summary>In the writer's transaction: the segment for <paramref name="sequence"/>, its table made if it is not in the file.</summary>
    private Segment SegmentFor(long sequence)
    {
        if (_segments.Count > 0 && _segments[^1].Contains(sequence))
        {
            return _segments[^1];
        }

        if (SegmentOf(sequence) is { } existing)
        {
            return existing;
        }

        var segment = new Segment(sequence / _segmentRows, _segmentRows);
        RunOnce(SegmentSchema(segment.Table));
        RunOnce($"INSERT OR REPLACE INTO outbox_meta(name, value) SELECT 'next_seq', max({segment.First}, coalesce((SELECT value FROM outbox_meta WHERE name = 'next_seq'), 0))");
        AddSegment(segment);
        _segmentsMade.Add(segment);
        return segment;
    }

    private void AddSegment(Segment segment)
    {
        var at = _segments.FindIndex(s => s.Number > segment.Number);
        _segments.Insert(at < 0 ? _segments.Count : at, segment);
    }

    /// <summary>A segment with nothing left to deliver whose seqs are all handed out (or the store is closing): its table may go.</summary>
    private bool IsFinished(Segment segment, bool closing) => segment.Live == 0 && (closing || segment.Last < _nextSeq);

    /// <summary>
    /// In the writer's transaction, before anything is stored in it: drops the finished segments' tables and their logged
    /// acks. They leave <see cref="_segments"/> at once (a message stored next gets a table made anew) and come back if the
    /// transaction rolls back.
    /// </summary>
    private void DropFinished(bool closing)
    {
        foreach (var segment in _segments.Where(s => IsFinished(s, closing)).ToList())
        {
            segment.Dispose(); // its statements are finalized before the DROP
            foreach (var (sql, command) in _commands.Where(c => Names(c.Key, segment.Table)).ToList())
            {
                command.Dispose();
                _commands.Remove(sql);
            }

            RunOnce($"DROP TABLE {segment.Table}; DELETE FROM outbox_acks WHERE first BETWEEN {segment.First} AND {segment.Last}");
            _segments.Remove(segment);
            _segmentsDropped.Add(segment);
        }

        if (_segmentsDropped.Count > 0)
        {
            RunOnce($"INSERT OR REPLACE INTO outbox_meta(name, value) VALUES ('next_seq', {_nextSeq})");
        }
    }

    /// <summary>True if <paramref name="sql"/> names <paramref name="table"/> (not merely a table whose number starts with the same digits).</summary>
    private static bool Names(string sql, string table)
    {
        for (var at = sql.IndexOf(table, StringComparison.Ordinal); at >= 0; at = sql.IndexOf(table, at + 1, StringComparison.Ordinal))
        {
            var after = at + table.Length;
            if (after == sql.Length || !char.IsAsciiDigit(sql[after]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The writer's transaction has ended: committed, the segments made and dropped in it stay so; rolled back, they are undone.</summary>
    private void SegmentsSettled(bool committed)
    {
        if (!committed)
        {
            _segmentsMade.ForEach(s => { _segments.Remove(s); s.Dispose(); });
            _segmentsDropped.ForEach(AddSegment);
        }

        _segmentsMade.Clear();
        _segmentsDropped.Clear();
    }

    /// <summary>
    /// At open: moves the messages of a file made before the segments into segment tables, reads the segments, their
    /// logged acks and messageIds, drops what is finished, and returns the backlog.
    /// </summary>
    private long OpenSegments()
    {
        using (var transaction = _writeConnection.BeginTransaction())
        {
            _transaction = transaction;
            if (Query("SELECT value FROM outbox_meta WHERE name = 'segment_rows'", r => r.GetInt32(0)).FirstOrDefault() is > 0 and var made)
            {
                _segmentRows = made;
            }
            else
            {
                RunOnce($"INSERT INTO outbox_meta(name, value) VALUES ('segment_rows', {_segmentRows})");
            }

            MoveOldRowsIntoSegments();
            foreach (var table in Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'outbox\\_seg\\_%' ESCAPE '\\'", r => r.GetString(0)).ToList())
            {
                var number = long.Parse(table["outbox_seg_".Length..], CultureInfo.InvariantCulture);
                AddSegment(new Segment(number, _segmentRows));
            }

            var last = 0L;
            foreach (var (first, lastAcked) in Query("SELECT first, last FROM outbox_acks", r => (r.GetInt64(0), r.GetInt64(1))))
            {
                for (var sequence = first; sequence <= lastAcked; sequence++)
                {
                    SegmentOf(sequence)?.MarkAcked(sequence);
                }
            }

            foreach (var segment in _segments)
            {
                foreach (var (sequence, messageId) in Query($"SELECT seq, message_id FROM {segment.Table}", r => (r.GetInt64(0), r.GetString(1))))
                {
                    last = Math.Max(last, sequence);
                    if (!segment.IsAcked(sequence))
                    {
                        segment.Live++;
                        AddId(KeyHeads.HashOf(messageId));
                    }
                }
            }

            foreach (var (sequence, messageId) in Query("SELECT seq, message_id FROM outbox", r => (r.GetInt64(0), r.GetString(1))))
            {
                last = Math.Max(last, sequence);
                AddId(KeyHeads.HashOf(messageId)); // a dead letter's messageId is still queued
            }

            var recorded = Query("SELECT max(coalesce((SELECT value FROM outbox_meta WHERE name = 'next_seq'), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) + 1)", r => r.GetInt64(0)).Single();
            _nextSeq = Math.Max(Math.Max(last + 1, recorded), 1);
            RunOnce($"DELETE FROM outbox_acks WHERE NOT ({AckRangesOfSegments()})"); // runs of tables no longer in the file
            DropFinished(closing: true);
            transaction.Commit();
            _transaction = null;
            SegmentsSettled(committed: true);
        }

        return _segments.Sum(s => (long)s.Live);
    }

    /// <summary>A SQL condition true for the ack runs that lie in a segment table still in the file.</summary>
    private string AckRangesOfSegments() =>
        _segments.Count == 0 ? "0" : string.Join(" OR ", _segments.Select(s => $"first BETWEEN {s.First} AND {s.Last}"));

    /// <summary>A file made before the segments kept every message in <c>outbox</c>: the undelivered ones move into segments, under their seqs.</summary>
    private void MoveOldRowsIntoSegments()
    {
        var numbers = Query($"SELECT DISTINCT seq / {_segmentRows} FROM outbox WHERE dead = 0", r => r.GetInt64(0)).ToList();
        foreach (var number in numbers)
        {
            var segment = new Segment(number, _segmentRows);
            RunOnce(SegmentSchema(segment.Table));
            RunOnce($"INSERT INTO {segment.Table}({SegmentColumns}) SELECT {SegmentColumns} FROM outbox WHERE dead = 0 AND seq BETWEEN {segment.First} AND {segment.Last}");
        }

        RunOnce("DELETE FROM outbox WHERE dead = 0");
    }
}

using System.Globalization;
using System.Text;

namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>One typed RESP2 reply. Bulk strings keep their bytes (payloads are binary).</summary>
public sealed class RedisReply
{
    private static readonly IReadOnlyList<RedisReply> NoItems = [];

    private RedisReply(RedisReplyKind kind, string? text, long integer, byte[]? bytes, IReadOnlyList<RedisReply>? items)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Bytes = bytes;
        Items = items ?? NoItems;
    }

    public static RedisReply Nil { get; } = new(RedisReplyKind.Nil, null, 0, null, null);

    public RedisReplyKind Kind { get; }

    /// <summary>Simple string or error text.</summary>
    public string? Text { get; }

    public long Integer { get; }

    public byte[]? Bytes { get; }

    public IReadOnlyList<RedisReply> Items { get; }

    public bool IsNil => Kind == RedisReplyKind.Nil;

    public static RedisReply Simple(string text) => new(RedisReplyKind.SimpleString, text, 0, null, null);

    public static RedisReply Error(string text) => new(RedisReplyKind.Error, text, 0, null, null);

    public static RedisReply Int(long value) => new(RedisReplyKind.Integer, null, value, null, null);

    public static RedisReply Bulk(byte[] bytes) => new(RedisReplyKind.Bulk, null, 0, bytes, null);

    public static RedisReply Array(IReadOnlyList<RedisReply> items) => new(RedisReplyKind.Array, null, 0, null, items);

    /// <summary>The reply as text: simple string, bulk (UTF-8) or integer; null for nil.</summary>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.SimpleString or RedisReplyKind.Error => Text,
        RedisReplyKind.Bulk => Encoding.UTF8.GetString(Bytes!),
        RedisReplyKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The reply as a number: integer, or a bulk/simple string holding one.</summary>
    public long AsInt64() => Kind == RedisReplyKind.Integer
        ? Integer
        : long.Parse(AsString() ?? throw new RedisException("Expected a number, got nil."), CultureInfo.InvariantCulture);

    public override string ToString() => Kind switch
    {
        RedisReplyKind.Array => $"[{string.Join(", ", Items)}]",
        RedisReplyKind.Nil => "(nil)",
        _ => AsString() ?? string.Empty,
    };
}

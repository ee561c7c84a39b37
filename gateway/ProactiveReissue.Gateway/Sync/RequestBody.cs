using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Gateway.Sync;

/// <summary>Reads a request body up to the configured limit; beyond it, SCE003 (nothing is stored).</summary>
public static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        if (request.ContentLength is { } length)
        {
            return await ReadExactlyAsync(request.Body, length, cancellationToken).ConfigureAwait(false);
        }

        // ArrayBufferWriter refuses a capacity of 0, which an empty body (Content-Length: 0) would ask for.
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, maxBytes + 1));
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                throw TooLarge(buffer.WrittenCount, maxBytes);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>With a Content-Length the body is read into one array of that size, without a growing buffer and a copy.</summary>
    /// <remarks>Kestrel ends the body stream at Content-Length and fails the read if the connection ends before it.</remarks>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, long length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await body.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    private static ShepException TooLarge(long size, long max) =>
        new(ShepFaults.TooLarge, $"The message is {(size > max + 1 ? size.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes" : "larger than the limit")}; at most {max} bytes are accepted.");
}

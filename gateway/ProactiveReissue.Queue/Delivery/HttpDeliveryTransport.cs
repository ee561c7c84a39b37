using System.Net;

namespace ProactiveReissue.Queue.Delivery;

/// <summary>
/// POSTs the payload to the destination URL with the messageId in X-Message-Id (the receiver's
/// idempotency key). 2xx delivered; 408, 429 and 5xx retried (Retry-After honoured); other 4xx rejected.
/// <para>
/// Give it a plain <see cref="HttpMessageInvoker"/> over the handler: an <see cref="HttpClient"/> links one more
/// cancellation source per request (and starts a timer when its own timeout is set) beside the attempt's own, and reads
/// a response's body into memory unless told not to. The transport reads only the status and headers.
/// </para>
/// </summary>
public sealed class HttpDeliveryTransport(HttpMessageInvoker http, TimeSpan attemptTimeout, TimeProvider time) : IDeliveryTransport
{
    public const string MessageIdHeader = "X-Message-Id";

    public async Task<DeliveryResult> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(attemptTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, message.Message.Destination);
            request.Content = new ReadOnlyMemoryContent(message.Message.Payload);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", message.Message.ContentType); // the gateway's own, sent as it is
            request.Headers.TryAddWithoutValidation(MessageIdHeader, message.Message.MessageId);
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Delivered(status);
            }

            TimeSpan? retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - time.GetUtcNow(),
                _ => null,
            };
            return response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500
                ? new DeliveryResult(DeliveryOutcome.RetryLater, $"HTTP {status}", retryAfter, status)
                : new DeliveryResult(DeliveryOutcome.Rejected, $"HTTP {status}: the receiver refused the message", null, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.RetryLater, $"no answer within {attemptTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryOutcome.RetryLater, "unreachable: " + ex.Message);
        }
        catch (IOException ex)
        {
            return new DeliveryResult(DeliveryOutcome.RetryLater, "connection broke: " + ex.Message);
        }
    }
}

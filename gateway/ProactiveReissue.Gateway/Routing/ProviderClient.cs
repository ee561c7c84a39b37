using System.Net;
using System.Security.Cryptography;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Routing;

/// <summary>
/// Forwards a SendMessage to its provider, signed by the gateway, and checks the answer: a SOAP fault
/// becomes SCE032 with the provider's ErrorInfo as subError; an answer not signed with the registered
/// provider certificate becomes SCE033. Transport trouble is SCE030 (timeout), SCE031 (unreachable)
/// or SCE034 (breaker open).
/// </summary>
public sealed class ProviderClient(HttpClient http, WsSecuritySigner signer, IMessageJournal journal, TimeProvider time, XmlLimits limits, TimeSpan clockSkew)
{
    public async Task<SyncResponse> ForwardAsync(ServiceRoute route, RequestInfo info, System.Xml.XmlElement? data, CancellationToken cancellationToken)
    {
        var document = SyncMessageWriter.Request(info, data, SoapEnvelopeWriter.NewBodyId());
        signer.Sign(document);
        var payload = SoapEnvelopeWriter.ToBytes(document);
        var peer = route.ProviderUrl.GetLeftPart(UriPartial.Path);
        await journal.AppendAsync(Entry(JournalHops.Out, JournalHops.ProviderRequest, info, route, peer, JournalHops.Ok, null, payload), cancellationToken).ConfigureAwait(false);

        byte[] answer;
        HttpStatusCode status;
        try
        {
            using var response = await route.Pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, route.ProviderUrl);
                    request.Content = new ByteArrayContent(payload);
                    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
                    request.Headers.TryAddWithoutValidation("SOAPAction", "\"\"");
                    var r = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                    return r;
                },
                cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw await FailAsync(ShepFaults.ProviderTimeout, $"Provider of '{route.ServiceId}' did not answer within {route.Timeout.TotalMilliseconds:0} ms.", ex).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw await FailAsync(ShepFaults.ProviderCircuitOpen, $"Calls to the provider of '{route.ServiceId}' are suspended after repeated failures; retry after {ex.RetryAfter?.TotalSeconds:0} s.", ex).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw await FailAsync(ShepFaults.ProviderUnavailable, $"Provider of '{route.ServiceId}' at {peer} is unreachable: {ex.Message}", ex).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw await FailAsync(ShepFaults.ProviderUnavailable, $"The connection to the provider of '{route.ServiceId}' broke: {ex.Message}", ex).ConfigureAwait(false);
        }

        if (status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            throw await FailAsync(ShepFaults.ProviderUnavailable, $"Provider of '{route.ServiceId}' answered HTTP {(int)status}.", null, answer).ConfigureAwait(false);
        }

        if (answer.Length == 0)
        {
            throw await FailAsync(ShepFaults.ProviderUnavailable, $"Provider of '{route.ServiceId}' closed the connection with an empty answer (HTTP {(int)status}).", null, answer).ConfigureAwait(false);
        }

        SoapMessage soap;
        try
        {
            soap = SoapEnvelopeReader.Read(SafeXml.Load(answer, limits));
        }
        catch (ShepException ex)
        {
            throw await FailAsync(ShepFaults.ProviderBadResponse, $"Provider of '{route.ServiceId}' answered HTTP {(int)status} with something that is not a SOAP 1.1 envelope: {ex.Detail}", ex, answer).ConfigureAwait(false);
        }

        var now = LocalClock.Now(time);
        var fault = SyncMessageReader.TryReadFault(soap, now);
        if (fault is not null)
        {
            await JournalAnswerAsync(route, info, peer, JournalHops.Fault, ShepFaults.ProviderFault.Code, answer).ConfigureAwait(false);
            throw new ShepException(ShepFaults.ProviderFault, $"Provider of '{route.ServiceId}' answered with fault {fault.ErrorCode}: {fault.ErrorMessage}", fault);
        }

        try
        {
            var verifier = new WsSecurityVerifier(SignatureAlgorithmSet.Default, new CertificateCollectionResolver([route.ProviderCertificate]), time, clockSkew);
            var signature = verifier.Verify(soap);
            if (!signature.Certificate.RawData.AsSpan().SequenceEqual(route.ProviderCertificate.RawData))
            {
                throw new ShepException(ShepFaults.ProviderBadResponse, $"The answer of '{route.ServiceId}' is signed by '{signature.Certificate.Subject}', not by the registered provider certificate.");
            }

            var response = SyncMessageReader.ReadResponse(soap);
            await JournalAnswerAsync(route, info, peer, JournalHops.Ok, null, answer).ConfigureAwait(false);
            return response;
        }
        catch (ShepException ex) when (ex.Fault != ShepFaults.ProviderBadResponse)
        {
            throw await FailAsync(ShepFaults.ProviderBadResponse, $"The answer of '{route.ServiceId}' failed verification: {ex.Fault.Code} {ex.Detail}", ex, answer).ConfigureAwait(false);
        }
        catch (ShepException ex)
        {
            throw await FailAsync(ex.Fault, ex.Detail, ex, answer).ConfigureAwait(false);
        }

        async Task<ShepException> FailAsync(ShepFault fault, string detail, Exception? inner, byte[]? body = null)
        {
            await JournalAnswerAsync(route, info, peer, JournalHops.Fault, fault.Code, body ?? []).ConfigureAwait(false);
            return new ShepException(fault, detail, inner: inner);
        }
    }

    private Task JournalAnswerAsync(ServiceRoute route, RequestInfo info, string peer, string outcome, string? faultCode, byte[] body) =>
        journal.AppendAsync(Entry(JournalHops.In, JournalHops.ProviderResponse, info, route, peer, outcome, faultCode, body), CancellationToken.None);

    private JournalEntry Entry(string direction, string hop, RequestInfo info, ServiceRoute route, string peer, string outcome, string? faultCode, byte[] body) =>
        new(direction, hop, "soap", info.MessageId, info.CorrelationId, info.SessionId, route.ServiceId, info.Sender.SenderId, peer,
            LocalClock.Now(time), outcome, faultCode, body.Length, Convert.ToHexStringLower(SHA256.HashData(body)));
}

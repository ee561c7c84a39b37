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
public sealed class ProviderClient(HttpClient http, WsSecuritySigner signer, TimeProvider time, XmlLimits limits, TimeSpan clockSkew)
{
    /// <param name="hops">Receives the journal lines of the two provider hops; the caller commits them with its own before it answers.</param>
    public async Task<SyncResponse> ForwardAsync(ServiceRoute route, RequestInfo info, System.Xml.XmlElement? data, ICollection<JournalEntry> hops, CancellationToken cancellationToken)
    {
        if (route.ProviderUrl is null || route.ProviderCertificate is null)
        {
            throw new ShepException(ShepFaults.UnknownService, $"Service '{route.ServiceId}' has no synchronous provider; send it through the asynchronous channel.");
        }

        var providerUrl = route.ProviderUrl;
        var providerCertificate = route.ProviderCertificate;
        var document = SyncMessageWriter.Request(info, data, SoapEnvelopeWriter.NewBodyId());
        signer.Sign(document);
        var payload = SoapEnvelopeWriter.ToBytes(document);
        var peer = providerUrl.GetLeftPart(UriPartial.Path);
        hops.Add(Entry(JournalHops.Out, JournalHops.ProviderRequest, info, route, peer, JournalHops.Ok, null, payload));

        byte[] answer;
        HttpStatusCode status;
        try
        {
            using var response = await route.Pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, providerUrl);
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
            throw Fail(ShepFaults.ProviderTimeout, $"Provider of '{route.ServiceId}' did not answer within {route.Timeout.TotalMilliseconds:0} ms.", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw Fail(ShepFaults.ProviderCircuitOpen, $"Calls to the provider of '{route.ServiceId}' are suspended after repeated failures; retry after {ex.RetryAfter?.TotalSeconds:0} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(ShepFaults.ProviderUnavailable, $"Provider of '{route.ServiceId}' at {peer} is unreachable: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw Fail(ShepFaults.ProviderUnavailable, $"The connection to the provider of '{route.ServiceId}' broke: {ex.Message}", ex);
        }

        if (status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            throw Fail(ShepFaults.ProviderUnavailable, $"Provider of '{route.ServiceId}' answered HTTP {(int)status}.", null, answer);
        }

        if (answer.Length == 0)
        {
            throw Fail(ShepFaults.ProviderUnavailable, $"Provider of '{route.ServiceId}' closed the connection with an empty answer (HTTP {(int)status}).", null, answer);
        }

        SoapMessage soap;
        try
        {
            soap = SoapEnvelopeReader.Read(SafeXml.Load(answer, limits));
        }
        catch (ShepException ex)
        {
            throw Fail(ShepFaults.ProviderBadResponse, $"Provider of '{route.ServiceId}' answered HTTP {(int)status} with something that is not a SOAP 1.1 envelope: {ex.Detail}", ex, answer);
        }

        var now = LocalClock.Now(time);
        var fault = SyncMessageReader.TryReadFault(soap, now);
        if (fault is not null)
        {
            hops.Add(Answer(route, info, peer, JournalHops.Fault, ShepFaults.ProviderFault.Code, answer));
            throw new ShepException(ShepFaults.ProviderFault, $"Provider of '{route.ServiceId}' answered with fault {fault.ErrorCode}: {fault.ErrorMessage}", fault);
        }

        try
        {
            var verifier = new WsSecurityVerifier(SignatureAlgorithmSet.Default, new CertificateCollectionResolver([providerCertificate]), time, clockSkew);
            var signature = verifier.Verify(soap);
            if (!signature.Certificate.RawData.AsSpan().SequenceEqual(providerCertificate.RawData))
            {
                throw new ShepException(ShepFaults.ProviderBadResponse, $"The answer of '{route.ServiceId}' is signed by '{signature.Certificate.Subject}', not by the registered provider certificate.");
            }

            var response = SyncMessageReader.ReadResponse(soap);
            hops.Add(Answer(route, info, peer, JournalHops.Ok, null, answer));
            return response;
        }
        catch (ShepException ex) when (ex.Fault != ShepFaults.ProviderBadResponse)
        {
            throw Fail(ShepFaults.ProviderBadResponse, $"The answer of '{route.ServiceId}' failed verification: {ex.Fault.Code} {ex.Detail}", ex, answer);
        }
        catch (ShepException ex)
        {
            throw Fail(ex.Fault, ex.Detail, ex, answer);
        }

        ShepException Fail(ShepFault fault, string detail, Exception? inner, byte[]? body = null)
        {
            hops.Add(Answer(route, info, peer, JournalHops.Fault, fault.Code, body ?? []));
            return new ShepException(fault, detail, inner: inner);
        }
    }

    private JournalEntry Answer(ServiceRoute route, RequestInfo info, string peer, string outcome, string? faultCode, byte[] body) =>
        Entry(JournalHops.In, JournalHops.ProviderResponse, info, route, peer, outcome, faultCode, body);

    private JournalEntry Entry(string direction, string hop, RequestInfo info, ServiceRoute route, string peer, string outcome, string? faultCode, byte[] body) =>
        new(direction, hop, "soap", info.MessageId, info.CorrelationId, info.SessionId, route.ServiceId, info.Sender.SenderId, peer,
            LocalClock.Now(time), outcome, faultCode, body.Length, Convert.ToHexStringLower(SHA256.HashData(body)));
}

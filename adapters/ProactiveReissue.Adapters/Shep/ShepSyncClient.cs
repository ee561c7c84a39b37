using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// The SHEP SendMessage client every adapter speaks through: builds requestInfo (fresh messageId, serviceId,
/// local messageDate, sender), optionally signs the payload (business data), signs the envelope (WS-Security),
/// posts it through the adapter's Polly pipeline, verifies the answer's signature when configured and returns
/// the answer's payload root, or a typed failure. No transport exception leaves this class.
/// </summary>
public sealed class ShepSyncClient
{
    private readonly HttpClient _http;
    private readonly AdapterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SigningCredentials _credentials;
    private readonly WsSecuritySigner _signer;
    private readonly X509Certificate2? _peer;
    private readonly Uri _endpoint;

    public ShepSyncClient(HttpClient http, AdapterOptions options, TimeProvider time, ILogger? logger = null)
    {
        _http = http;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _credentials = AdapterCredentials.LoadSigning(options);
        _signer = new WsSecuritySigner(_credentials);
        _peer = AdapterCredentials.LoadPeer(options);
        _endpoint = new Uri(options.Endpoint, UriKind.Absolute);
        Pipeline = new AdapterPipeline(options, time);
    }

    public AdapterPipeline Pipeline { get; }

    /// <summary>
    /// Sends <paramref name="payload"/> to <paramref name="serviceId"/>; Found carries the answer's payload root. The payload
    /// document is used up: its root ends under a &lt;data&gt; element of the same document.
    /// </summary>
    public async Task<AdapterOutcome<XmlElement>> SendAsync(
        string serviceId, XmlDocument payload, CallKind kind, bool signPayload, CancellationToken cancellationToken)
    {
        if (signPayload)
        {
            BusinessSignature.Sign(payload, _credentials);
        }

        var info = new RequestInfo(
            Guid.NewGuid().ToString(), null, serviceId, LocalClock.Now(_time), null,
            new Sender(_options.SenderId, _options.SenderPassword), [], null);
        // The payload root moves under <data> in its own document (the request is the payload document's last use):
        // one copy into the envelope instead of two.
        var root = payload.DocumentElement!;
        payload.RemoveChild(root);
        var data = payload.CreateElement("data");
        payload.AppendChild(data);
        data.AppendChild(root);
        var envelope = SyncMessageWriter.Request(info, data, SoapEnvelopeWriter.NewBodyId());
        _signer.Sign(envelope, _time);
        var bytes = SoapEnvelopeWriter.ToBytes(envelope);

        var outcome = await PostAsync(serviceId, bytes, kind, cancellationToken).ConfigureAwait(false);
        if (outcome.IsFound)
        {
            AdapterLog.Answered(_logger, serviceId, info.MessageId, outcome.Kind);
        }
        else
        {
            AdapterLog.Failed(_logger, serviceId, info.MessageId, outcome.Code, outcome.Message);
        }

        return outcome;
    }

    private async Task<AdapterOutcome<XmlElement>> PostAsync(string serviceId, byte[] bytes, CallKind kind, CancellationToken cancellationToken)
    {
        var pipeline = kind == CallKind.Write ? Pipeline.Single : Pipeline.Retrying;
        byte[] answer;
        HttpStatusCode status;
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
                    request.Content = new ByteArrayContent(bytes);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
                    request.Headers.TryAddWithoutValidation("SOAPAction", "\"\"");
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return AdapterOutcome<XmlElement>.Timeout($"{serviceId} did not answer within {_options.TimeoutMs} ms.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout of a client passed in with one set: the peer was too slow all the same.
            return AdapterOutcome<XmlElement>.Timeout($"{serviceId} did not answer within the HTTP client's timeout.");
        }
        catch (BrokenCircuitException ex)
        {
            return AdapterOutcome<XmlElement>.Unavailable(AdapterCodes.CircuitOpen, $"Calls to {serviceId} are suspended after repeated failures; retry after {ex.RetryAfter?.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            return AdapterOutcome<XmlElement>.Unavailable(AdapterCodes.Unreachable, $"{serviceId} at {_endpoint.GetLeftPart(UriPartial.Path)} is unreachable: {ex.Message}");
        }
        catch (IOException ex)
        {
            return AdapterOutcome<XmlElement>.Unavailable(AdapterCodes.Unreachable, $"The connection to {serviceId} broke: {ex.Message}");
        }

        return Interpret(serviceId, status, answer);
    }

    private AdapterOutcome<XmlElement> Interpret(string serviceId, HttpStatusCode status, byte[] answer)
    {
        if (status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            return AdapterOutcome<XmlElement>.Unavailable(AdapterCodes.Unreachable, $"{serviceId} answered HTTP {(int)status}.");
        }

        if (answer.Length == 0)
        {
            return AdapterOutcome<XmlElement>.Unavailable(AdapterCodes.Unreachable, $"{serviceId} answered HTTP {(int)status} with an empty body.");
        }

        try
        {
            var soap = SoapEnvelopeReader.Read(SafeXml.Load(answer));
            var fault = SyncMessageReader.TryReadFault(soap, LocalClock.Now(_time));
            if (fault is not null)
            {
                return AdapterOutcome<XmlElement>.PeerFault(fault.ErrorCode, fault.ErrorMessage);
            }

            if (_options.VerifyAnswerSignature)
            {
                VerifySignature(serviceId, soap);
            }

            var response = SyncMessageReader.ReadResponse(soap);
            if (response.Info.StatusCode != SyncStatus.Success)
            {
                return AdapterOutcome<XmlElement>.PeerFault(response.Info.StatusCode, response.Info.StatusMessage);
            }

            var root = BusinessSignature.PayloadRoot(response.Data, XmlLimits.Default);
            return root is null
                ? AdapterOutcome<XmlElement>.PeerFault(AdapterCodes.BadAnswer, $"{serviceId} answered without responseData/data.")
                : AdapterOutcome<XmlElement>.Found(root);
        }
        catch (ShepException ex)
        {
            return AdapterOutcome<XmlElement>.PeerFault(AdapterCodes.BadAnswer, $"The answer of {serviceId} (HTTP {(int)status}) was refused: {ex.Fault.Code} {ex.Detail}");
        }
        catch (XmlException ex)
        {
            return AdapterOutcome<XmlElement>.PeerFault(AdapterCodes.BadAnswer, $"The answer of {serviceId} (HTTP {(int)status}) is not XML: {ex.Message}");
        }
    }

    private void VerifySignature(string serviceId, SoapMessage soap)
    {
        var verifier = new WsSecurityVerifier(
            SignatureAlgorithmSet.Default, new CertificateCollectionResolver([_peer!]), _time, TimeSpan.FromSeconds(_options.ClockSkewSeconds));
        var signature = verifier.Verify(soap);
        if (!signature.Certificate.RawData.AsSpan().SequenceEqual(_peer!.RawData))
        {
            throw new ShepException(ShepFaults.ProviderBadResponse, $"The answer of {serviceId} is signed by '{signature.Certificate.Subject}', not by the configured peer certificate.");
        }
    }
}

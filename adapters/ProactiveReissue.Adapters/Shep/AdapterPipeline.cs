using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// The Polly pipelines of one adapter. One circuit breaker wraps a timeout per attempt; reads and idempotent
/// writes go through <see cref="Retrying"/> (retry with jitter around that breaker), other writes through
/// <see cref="Single"/> (the same breaker, no retry). Every attempt counts towards the one breaker.
/// </summary>
public sealed class AdapterPipeline
{
    public AdapterPipeline(AdapterOptions options, TimeProvider time)
    {
        var breakerAndTimeout = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromMilliseconds(options.BreakerSamplingMs),
                BreakDuration = TimeSpan.FromMilliseconds(options.BreakerBreakMs),
                ShouldHandle = TransportFailure(),
                StateProvider = BreakerState,
            })
            .AddTimeout(options.Timeout)
            .Build();
        Single = breakerAndTimeout;
        Retrying = options.RetryCount == 0
            ? breakerAndTimeout
            : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.RetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
                    ShouldHandle = TransportFailure(),
                })
                .AddPipeline(breakerAndTimeout)
                .Build();
    }

    /// <summary>For reads and idempotent writes.</summary>
    public ResiliencePipeline<HttpResponseMessage> Retrying { get; }

    /// <summary>For writes that must not be repeated.</summary>
    public ResiliencePipeline<HttpResponseMessage> Single { get; }

    public CircuitBreakerStateProvider BreakerState { get; } = new();

    public static PredicateBuilder<HttpResponseMessage> TransportFailure() => new PredicateBuilder<HttpResponseMessage>()
        .Handle<HttpRequestException>()
        .Handle<TimeoutRejectedException>()
        .Handle<IOException>()
        .HandleResult(r => r.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);
}

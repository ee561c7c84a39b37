using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>
/// One case step on one instance at a time (<see cref="ICaseLease"/>): a case runs only under its lease,
/// renewed before each step, and is read again once the lease is held, since another holder may have moved it.
/// </summary>
public sealed partial class ReissueCoordinator
{
    /// <summary>How long a reply waits for the instance running a step of its case to finish (then <see cref="CaseBusyException"/>).</summary>
    public TimeSpan ReplyLeaseWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs a due case to its next wait or end, unless another holder has it (then 0 steps).</summary>
    private async Task<int> RunDueCaseAsync(ReissueCase due, CancellationToken cancellationToken)
    {
        await using var held = await _lease.TryAcquireAsync(due.CaseId, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return 0;
        }

        var @case = await store.GetAsync(due.CaseId, cancellationToken).ConfigureAwait(false) ?? due;
        var steps = 0;
        var unsaved = new UnsavedSteps();
        while (!@case.IsTerminal && @case.DueAt <= time.GetUtcNow() && await held.ExtendAsync(cancellationToken).ConfigureAwait(false))
        {
            @case = await StepAsync(@case, unsaved, cancellationToken).ConfigureAwait(false);
            steps++;
        }

        // Read steps still held here mean the lease was lost: another holder runs the case and repeats them.
        return steps;
    }

    /// <summary>The case's lease for a reply: waits while another holder runs a step of it.</summary>
    private async Task<ICaseLeaseHandle> AcquireForReplyAsync(string caseId, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (await _lease.TryAcquireAsync(caseId, cancellationToken).ConfigureAwait(false) is { } held)
            {
                return held;
            }

            if (waited >= ReplyLeaseWait)
            {
                throw new CaseBusyException($"Case {caseId} stayed busy on another instance for {ReplyLeaseWait.TotalSeconds:0} s; the reply was not taken and may be sent again.");
            }

            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
            waited += pause;
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }
    }
}

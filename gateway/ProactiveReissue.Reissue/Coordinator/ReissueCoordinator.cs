using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>
/// The proactive reissue process (eco seed §3–§16, trusted software seed §5–§18) as a durable state
/// machine: each case (company × pilot service) advances one step at a time; every state change is
/// saved with its history line before the next side effect; waits are timers in the store, so a
/// restart resumes them; every write to another system carries a key derived from the case.
/// </summary>
public sealed partial class ReissueCoordinator(
    ICaseStore store, IReissuePorts ports, IReadOnlyList<ReissueProfile> profiles, TimeProvider time, ICaseLease? lease = null, TimeSpan? sharedReadWindow = null)
{
    /// <summary>How long a read made for one case of a company serves its other cases (<see cref="SharedReads"/>).</summary>
    public static readonly TimeSpan DefaultSharedReadWindow = TimeSpan.FromSeconds(10);

    private readonly ICaseLease _lease = lease ?? new LocalCaseLease();
    private readonly SharedReads _reads = new(ports, profiles.SelectMany(p => p.PermitTypes).Distinct(StringComparer.Ordinal).ToList(), time, sharedReadWindow ?? DefaultSharedReadWindow);

    /// <summary>How long to wait before trying a step again after a transient failure of another system.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    public IReadOnlyList<ReissueProfile> Profiles => profiles;

    /// <summary>
    /// A name change: one case per pilot service; the same notice twice makes no new case. The cases are created
    /// side by side (the store's writer commits them together), then CASE_OPENED goes out for each one created, in
    /// profile order, once all are durable.
    /// </summary>
    public async Task<IReadOnlyList<string>> OpenAsync(NameChangeNotice notice, CancellationToken cancellationToken)
    {
        var now = LocalClock.Now(time);
        var cases = new ReissueCase[profiles.Count];
        var creations = new Task<bool>[profiles.Count];
        for (var i = 0; i < profiles.Count; i++)
        {
            var @case = new ReissueCase(ReissueCase.IdFor(profiles[i].ServiceCode, notice.Bin), profiles[i].ServiceCode, notice.Bin, notice.NoticeId, CaseState.Opened, now, now);
            cases[i] = @case;
            creations[i] = store.TryCreateAsync(@case, new CaseHistoryEntry(@case.CaseId, now, "open", $"notice {notice.NoticeId}, BIN {notice.Bin}", "Opened"), cancellationToken);
        }

        // Every creation has ended before any status goes out; a case created while another creation failed still gets its CASE_OPENED.
        await Task.WhenAll((IEnumerable<Task>)creations).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var opened = new List<string>(cases.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            if (creations[i].IsCompletedSuccessfully && creations[i].Result)
            {
                opened.Add(cases[i].CaseId);
                await ports.PublishStatusAsync(cases[i].CaseId, cases[i].ServiceCode, "CASE_OPENED", cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var creation in creations)
        {
            await creation.ConfigureAwait(false); // the first failure, if any, is the caller's
        }

        return opened;
    }

    /// <summary>
    /// Advances every case whose timer is due, each until it waits or ends, up to <paramref name="parallelism"/>
    /// cases at once (each case is still one step at a time), batch after batch of <paramref name="max"/>
    /// until none is due. Returns how many steps ran.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken, int max = 1000, int parallelism = 1)
    {
        var steps = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        IReadOnlyList<ReissueCase> due;
        do
        {
            due = await store.DueAsync(time.GetUtcNow(), max, cancellationToken).ConfigureAwait(false);
            var batch = 0;
            await Parallel.ForEachAsync(due, options, async (@case, token) => Interlocked.Add(ref batch, await RunDueCaseAsync(@case, token).ConfigureAwait(false))).ConfigureAwait(false);
            steps += batch;
            if (batch == 0)
            {
                break; // every due case is held by another instance: it advances them
            }
        }
        while (due.Count == max);

        return steps;
    }

    /// <summary>An SMS reply, matched to the pending case by phone. Never throws for a strange reply.</summary>
    public async Task<ReplyOutcome> HandleReplyAsync(string phone, string? text, CancellationToken cancellationToken)
    {
        var now = LocalClock.Now(time);
        var @case = await store.FindByPhoneAsync(phone, cancellationToken).ConfigureAwait(false);
        if (@case is null)
        {
            await store.AddHistoryAsync(new CaseHistoryEntry("-", now, "reply", $"{phone}: {text}", "no case for this phone"), cancellationToken).ConfigureAwait(false);
            return ReplyOutcome.NoCase;
        }

        await using var held = await AcquireForReplyAsync(@case.CaseId, cancellationToken).ConfigureAwait(false);
        @case = await store.GetAsync(@case.CaseId, cancellationToken).ConfigureAwait(false) ?? @case;
        if (@case.State != CaseState.AwaitingReply)
        {
            await store.AddHistoryAsync(new CaseHistoryEntry(@case.CaseId, now, "reply", text ?? string.Empty, $"ignored: the case is {@case.State}"), cancellationToken).ConfigureAwait(false);
            return ReplyOutcome.CaseAlreadyClosed;
        }

        switch (Reply.Parse(text))
        {
            case ReplyMeaning.Yes:
                @case = await MoveAsync(null, @case, CaseState.Consented, now, "reply", text ?? string.Empty, "consent given (1)", "CONSENT_GIVEN", cancellationToken).ConfigureAwait(false);
                await RunCaseAsync(@case, cancellationToken).ConfigureAwait(false);
                return ReplyOutcome.Accepted;
            case ReplyMeaning.No:
                var profile = Profile(@case);
                var final = profile.WhenRefused == FinalOutcome.End ? CaseState.Refused : CaseState.OrdinaryProcedure;
                await MoveAsync(null, @case, final, now, "reply", text ?? string.Empty, "consent refused (2)", final == CaseState.Refused ? "CONSENT_REFUSED" : "ORDINARY_PROCEDURE", cancellationToken).ConfigureAwait(false);
                return ReplyOutcome.Refused;
            default:
                await store.AddHistoryAsync(new CaseHistoryEntry(@case.CaseId, now, "reply", text ?? string.Empty, "unclear: still waiting for 1 or 2"), cancellationToken).ConfigureAwait(false);
                return ReplyOutcome.Unclear;
        }
    }

    /// <summary>Runs one case until it waits or ends; returns how many steps ran.</summary>
    private async Task<int> RunCaseAsync(ReissueCase @case, CancellationToken cancellationToken)
    {
        var steps = 0;
        var unsaved = new UnsavedSteps();
        while (!@case.IsTerminal && @case.DueAt <= time.GetUtcNow())
        {
            @case = await StepAsync(@case, unsaved, cancellationToken).ConfigureAwait(false);
            steps++;
        }

        return steps;
    }

    private ReissueProfile Profile(ReissueCase @case) =>
        profiles.FirstOrDefault(p => p.ServiceCode == @case.ServiceCode)
            ?? throw new InvalidOperationException($"Case {@case.CaseId} belongs to service '{@case.ServiceCode}', which has no profile in the settings.");

    /// <summary>
    /// Saves the new state with its history line (durable), then tells monitoring. A state whose next step only
    /// reads is held in <paramref name="unsaved"/> instead and saved with the next change (<see cref="UnsavedSteps"/>).
    /// </summary>
    private async Task<ReissueCase> MoveAsync(UnsavedSteps? unsaved, ReissueCase @case, CaseState state, DateTimeOffset now, string step, string input, string outcome, string? status, CancellationToken cancellationToken, DateTimeOffset? dueAt = null)
    {
        var next = @case with { State = state, DueAt = dueAt ?? now, UpdatedAt = now, Outcome = state >= CaseState.NoPermit ? outcome : @case.Outcome };
        var entry = new CaseHistoryEntry(@case.CaseId, now, step, input, outcome);
        if (unsaved is not null && dueAt is null && UnsavedSteps.CanHold(state))
        {
            unsaved.Hold(entry, status);
            return next;
        }

        await SaveAsync(unsaved, next, entry, cancellationToken).ConfigureAwait(false);
        if (status is not null)
        {
            await ports.PublishStatusAsync(@case.CaseId, @case.ServiceCode, status, cancellationToken).ConfigureAwait(false);
        }

        return next;
    }

    /// <summary>A transient failure: keep the state, try again later, and say so in the history.</summary>
    private async Task<ReissueCase> LaterAsync(UnsavedSteps? unsaved, ReissueCase @case, DateTimeOffset now, string step, string why, CancellationToken cancellationToken)
    {
        var next = @case with { DueAt = now + RetryAfterFailure, UpdatedAt = now };
        await SaveAsync(unsaved, next, new CaseHistoryEntry(@case.CaseId, now, step, string.Empty, "will retry: " + why), cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>Saves the state with the held steps' history lines and this one in one transaction, then publishes the held statuses.</summary>
    private async Task SaveAsync(UnsavedSteps? unsaved, ReissueCase next, CaseHistoryEntry entry, CancellationToken cancellationToken)
    {
        if (unsaved is null || unsaved.IsEmpty)
        {
            await store.SaveAsync(next, entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (history, statuses) = unsaved.TakeWith(entry);
        await store.SaveAsync(next, history, cancellationToken).ConfigureAwait(false);
        foreach (var status in statuses)
        {
            await ports.PublishStatusAsync(next.CaseId, next.ServiceCode, status, cancellationToken).ConfigureAwait(false);
        }
    }
}

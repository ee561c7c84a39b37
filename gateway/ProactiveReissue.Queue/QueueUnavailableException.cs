namespace ProactiveReissue.Queue;

/// <summary>
/// The store behind the queue could not do what was asked (Redis unreachable, the SQLite file failing).
/// For an enqueue this means nothing was acknowledged: the caller must refuse the message, not accept it.
/// Every store throws this one type, so callers need not know which store they run on.
/// </summary>
public sealed class QueueUnavailableException(string message, Exception inner) : Exception(message, inner);

using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Memory;

namespace ProactiveReissue.Tests.Queue;

public sealed class InMemoryQueueStoreTests : QueueStoreContract
{
    protected override Task<IQueueStore> CreateAsync(long maxBacklog) =>
        Task.FromResult<IQueueStore>(new InMemoryQueueStore(Time, maxBacklog));
}

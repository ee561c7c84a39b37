using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Tests.Support;

/// <summary>Assertions on the gateway's coded exception: the catalogue code is what the wire carries.</summary>
public static class ShepAssert
{
    public static ShepException Throws(ShepFault expected, Action action)
    {
        var exception = Assert.Throws<ShepException>(action);
        Assert.True(expected.Code == exception.Fault.Code, $"Expected {expected.Code} but got {exception.Fault.Code}: {exception.Detail}");
        return exception;
    }

    public static ShepException Throws(ShepFault expected, Func<object?> function) =>
        Throws(expected, () => { _ = function(); });

    public static async Task<ShepException> ThrowsAsync(ShepFault expected, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<ShepException>(action);
        Assert.True(expected.Code == exception.Fault.Code, $"Expected {expected.Code} but got {exception.Fault.Code}: {exception.Detail}");
        return exception;
    }
}

using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Monitoring;

public sealed class ApplicationStatusFactoryTests
{
    [Fact]
    public void Create_StatusCode_FillsTextsAndProcessingStatusFromTheCatalogue()
    {
        // Arrange
        var factory = MonitoringSamples.StatusFactory();

        // Act
        var status = factory.Create("PR-1", MonitoringStatusCode.ExcludedAbroad);

        // Assert
        var entry = MonitoringStatusCatalogue.Get(MonitoringStatusCode.ExcludedAbroad);
        Assert.Equal("PR-1", status.ApplicationNumber);
        Assert.Equal(MonitoringSamples.ServiceCode, status.ServiceCode);
        Assert.Equal(MonitoringSamples.Provider, status.Provider);
        Assert.Equal(ProcessingStatus.Closed, status.ProcessingStatus);
        Assert.Equal(entry.TextRu, status.StatusTextRu);
        Assert.Equal(entry.TextKk, status.StatusTextKk);
    }

    [Fact]
    public void Create_AnyClock_StampsLocalTimeAtPlusFive()
    {
        // Arrange: 19:30 UTC is already the next day in Almaty
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 19, 30, 0, TimeSpan.Zero));
        var factory = MonitoringSamples.StatusFactory(time);

        // Act
        var status = factory.Create("PR-1", MonitoringStatusCode.SmsSent);

        // Assert
        Assert.Equal(TimeSpan.FromHours(5), status.StatusDate.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 0, 30, 0, TimeSpan.FromHours(5)), status.StatusDate);
    }

    [Fact]
    public void Create_ClockMoves_EachStatusHasItsOwnTime()
    {
        // Arrange
        var time = new FakeTimeProvider();
        var factory = MonitoringSamples.StatusFactory(time);

        // Act
        var first = factory.Create("PR-1", MonitoringStatusCode.SmsSent);
        time.Advance(TimeSpan.FromDays(3));
        var second = factory.Create("PR-1", MonitoringStatusCode.SmsResent);

        // Assert
        Assert.Equal(TimeSpan.FromDays(3), second.StatusDate - first.StatusDate);
    }

    [Fact]
    public void Create_ReasonAndExternalRequests_AreCarried()
    {
        // Arrange
        var factory = MonitoringSamples.StatusFactory();
        ExternalRequest[] requests = [new(ExternalSystem.Bmg, "bmg-1")];

        // Act
        var status = factory.Create("PR-1", MonitoringStatusCode.OrdinaryProcedure, MonitoringStatusCode.NoPhone, "  ", requests);

        // Assert
        Assert.Equal(MonitoringStatusCode.NoPhone, status.ReasonCode);
        Assert.Null(status.Comment);
        Assert.Equal(requests, status.ExternalRequests);
    }

    [Fact]
    public void Create_BlankApplicationNumber_Throws()
    {
        // Arrange
        var factory = MonitoringSamples.StatusFactory();

        // Act + Assert
        Assert.Throws<ArgumentException>(() => factory.Create(" ", MonitoringStatusCode.CaseOpened));
    }
}

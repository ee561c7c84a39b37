using ProactiveReissue.Monitoring.Xml;

namespace ProactiveReissue.Monitoring.Statuses;

/// <summary>One status of the catalogue: its code, its coarse processing status and its Russian and Kazakh texts.</summary>
public sealed record MonitoringStatusEntry(MonitoringStatusCode Code, ProcessingStatus ProcessingStatus, string TextRu, string TextKk)
{
    /// <summary>The code as it travels, e.g. CASE_OPENED.</summary>
    public string WireCode => WireName<MonitoringStatusCode>.Of(Code);

    /// <summary>True when the case ends with this status.</summary>
    public bool IsFinal => ProcessingStatus is ProcessingStatus.Completed or ProcessingStatus.Closed or ProcessingStatus.Redirected;
}

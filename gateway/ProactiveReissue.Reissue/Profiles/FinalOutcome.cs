namespace ProactiveReissue.Reissue.Profiles;

/// <summary>What a missing phone or a "2" means for a service: the case ends, or goes the ordinary way.</summary>
public enum FinalOutcome
{
    End,
    OrdinaryProcedure,
}

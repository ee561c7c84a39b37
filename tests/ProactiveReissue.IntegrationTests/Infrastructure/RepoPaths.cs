namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>Finds the repository root (the folder with ProactiveReissue.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Mocks => Path.Combine(Root, "mocks");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProactiveReissue.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ProactiveReissue.sln not found above " + AppContext.BaseDirectory);
    }
}

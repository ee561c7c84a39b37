using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// Validates adapter settings at start: DataAnnotations, an absolute http(s) endpoint, and certificate files
/// that exist. Every failure is one sentence naming the setting, e.g. "Adapters:GbdFl:Endpoint …".
/// </summary>
public sealed class AdapterOptionsValidator<TOptions>(string sectionName) : IValidateOptions<TOptions>
    where TOptions : AdapterOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = Check(sectionName, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IReadOnlyList<string> Check(string sectionName, TOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                foreach (var member in result.MemberNames)
                {
                    failures.Add($"Setting {sectionName}:{member} is invalid: {result.ErrorMessage}");
                }
            }
        }

        if (!string.IsNullOrEmpty(options.Endpoint)
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Setting {sectionName}:Endpoint must be an absolute http(s) URL; '{options.Endpoint}' is not.");
        }

        if (!string.IsNullOrEmpty(options.SigningCertificatePath) && !File.Exists(options.SigningCertificatePath))
        {
            failures.Add($"Setting {sectionName}:SigningCertificatePath points to '{options.SigningCertificatePath}', which does not exist.");
        }

        if (options.VerifyAnswerSignature && string.IsNullOrEmpty(options.PeerCertificatePath))
        {
            failures.Add($"Setting {sectionName}:PeerCertificatePath is required when {sectionName}:VerifyAnswerSignature is true.");
        }
        else if (!string.IsNullOrEmpty(options.PeerCertificatePath) && !File.Exists(options.PeerCertificatePath))
        {
            failures.Add($"Setting {sectionName}:PeerCertificatePath points to '{options.PeerCertificatePath}', which does not exist.");
        }

        return failures;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace GameServer.Configuration;

/// <summary>
/// Binds an options class to its section and checks its data annotations when the server starts, so
/// that a zero cell size or a negative interval stops the server with a message naming the key
/// (<c>World:GridCellSize must be ...</c>) instead of failing at first use.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and validates it on start.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>Runs the data annotations and names each failure by its configuration key.</summary>
    private sealed class SectionValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(results.Select(r =>
                $"{section}:{r.MemberNames.FirstOrDefault() ?? "?"} {r.ErrorMessage}"));
        }
    }
}

/// <summary>A <see cref="TimeSpan"/> setting that must be longer than zero (and, optionally, at most a maximum).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveDurationAttribute : ValidationAttribute
{
    public PositiveDurationAttribute()
        : base("must be a duration longer than zero")
    {
    }

    public override bool IsValid(object? value) => value is null || (value is TimeSpan span && span > TimeSpan.Zero);
}

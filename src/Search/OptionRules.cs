using System.Globalization;

namespace Search;

/// <summary>The checks the options and the request make of themselves, so every rule names the property and the value it
/// was given in the same words (<c>MaxQueryDepth must be at least 1 (was 0).</c>) and reports the property as
/// <see cref="ArgumentException.ParamName"/>.</summary>
internal static class OptionRules
{
    public static void AtLeast(long value, long min, string property)
    {
        if (value < min)
            throw OutOfRange(property, value, $"{property} must be at least {min:N0} (was {value}).");
    }

    public static void Between(long value, long min, long max, string property, string? why = null)
    {
        if (value < min || value > max)
            throw OutOfRange(property, value, $"{property} must be between {min:N0} and {max:N0}{why} (was {value}).");
    }

    public static void Positive(double value, string property)
    {
        // Written so that NaN fails too.
        if (!(value > 0 && double.IsFinite(value)))
            throw OutOfRange(property, value, $"{property} must be a number greater than 0 (was {value}).");
    }

    public static void Positive(TimeSpan value, string property)
    {
        if (value <= TimeSpan.Zero)
            throw OutOfRange(property, value, $"{property} must be longer than zero (was {value:c}).");
    }

    public static void NotNull(object? value, string property)
    {
        if (value is null)
            throw new ArgumentNullException(property, $"{property} must be set (was null).");
    }

    public static void NotEmpty(string value, string property, string why)
    {
        if (value.Length == 0)
            throw Invalid(property, $"{property} must not be empty (was \"\"): {why}.");
    }

    /// <summary>Refuses a value that must be empty because of another setting, saying <paramref name="why"/>.</summary>
    public static void Empty(string value, string property, string why)
    {
        if (value.Length != 0)
            throw Invalid(property, $"{property} must be empty (was \"{value}\") when {why}.");
    }

    public static void Defined<TEnum>(TEnum value, string property)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw OutOfRange(property, value,
                $"{property} must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (was {Convert.ToInt64(value, CultureInfo.InvariantCulture)}).");
        }
    }

    public static ArgumentException Invalid(string property, FormattableString message, Exception? inner = null) =>
        new(message.ToString(CultureInfo.InvariantCulture), property, inner);

    public static ArgumentOutOfRangeException OutOfRange(string property, object value, FormattableString message) =>
        new(property, value, message.ToString(CultureInfo.InvariantCulture));
}

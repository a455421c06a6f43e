namespace Customers.Api.Customers.Privacy;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// How long a customer may stay archived, or unchanged, before the compliance report lists it
    /// as a retention candidate (UK GDPR Art. 5(1)(e)). Six years: the limitation period health
    /// and transport operators usually keep records for.
    /// </summary>
    public int Years { get; set; } = 6;
}

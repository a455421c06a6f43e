namespace Customers.Api.Customers;

/// <summary>Cleaned field values read from one request body or row, keyed by snake_case name.</summary>
public sealed class CustomerPatch
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object?> Values => _values;

    public bool IsEmpty => _values.Count == 0;

    public bool Has(string field) => _values.ContainsKey(field);

    public bool TryGet(string field, out object? value) => _values.TryGetValue(field, out value);

    internal void Set(string field, object? value) => _values[field] = value;
}

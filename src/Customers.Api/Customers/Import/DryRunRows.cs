using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Customers.Api.Customers.Import;

/// <summary>
/// A dry run writes no customer, so a later batch cannot find an earlier batch's rows in the
/// database as the real run does: it remembers their duplicate keys and usernames instead, as
/// 64-bit hashes (~30 bytes a row; the chance of a false match in a million rows is ~10⁻⁸).
/// A dry run resumed after a restart knows only the rows since.
/// </summary>
public sealed class DryRunRows
{
    private readonly Dictionary<ulong, int> rowByDuplicateKey = [];
    private readonly Dictionary<ulong, int> rowByUsername = [];

    public List<BulkCreate.Row> RemoveRepeats(List<BulkCreate.Row> rows, List<BulkCreateError> errors, bool allowDuplicates)
    {
        var kept = new List<BulkCreate.Row>(rows.Count);
        foreach (var row in rows)
        {
            var customer = row.Customer;
            if (!allowDuplicates && rowByDuplicateKey.TryGetValue(Hash(CustomerRules.DuplicateKey(customer.Name, customer.Phone)), out var first))
            {
                errors.Add(new BulkCreateError(row.Number, customer.Name, $"Duplicate of row {first}", "name"));
            }
            else if (customer.Username is { } username && rowByUsername.TryGetValue(Hash(username), out var holder))
            {
                errors.Add(new BulkCreateError(row.Number, customer.Name, $"Username '{username}' is already used by row {holder}", "username"));
            }
            else
            {
                kept.Add(row);
            }
        }
        return kept;
    }

    /// <summary>Called once the batch is through, so that a retried batch does not find itself.</summary>
    public void Remember(List<BulkCreate.Row> rows)
    {
        foreach (var row in rows)
        {
            rowByDuplicateKey.TryAdd(Hash(CustomerRules.DuplicateKey(row.Customer.Name, row.Customer.Phone)), row.Number);
            if (row.Customer.Username is { } username)
            {
                rowByUsername.TryAdd(Hash(username), row.Number);
            }
        }
    }

    private static ulong Hash(string key) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

namespace Customers.Api.Customers.Bulk;

/// <summary>
/// Creates many customers in a handful of round trips: validate every row with
/// <see cref="CustomerRules"/>, find duplicates and taken usernames with one query each, insert
/// the valid rows and the audit event in one transaction.
/// </summary>
public sealed class BulkCreate(CustomersDbContext db, ICustomerBulkWriter writer, TimeProvider clock, int tenantId, int? userId)
{
    public sealed record Options(bool AllowDuplicates, bool Atomic);

    public sealed record Row(int Number, Customer Customer);

    // A unique index can still refuse a row that a concurrent request took first; each pass drops those rows.
    private const int MaxSavePasses = 3;

    public async Task<BulkCreateResponse> RunAsync(IReadOnlyList<JsonElement> items, Options options, CancellationToken cancellationToken)
    {
        var (rows, errors) = await PrepareAsync(items, null, options.AllowDuplicates, cancellationToken);
        if (options.Atomic && errors.Count > 0)
        {
            return Response(items.Count, [], errors);
        }
        var created = rows.Count == 0 ? [] : await InsertAsync(rows, errors, options.Atomic, cancellationToken);
        return Response(items.Count, created, errors);
    }

    /// <summary>
    /// Validates and cleans every item, then drops duplicates and taken usernames. Rows are
    /// numbered from 1 unless <paramref name="rowNumbers"/> gives each item's number (an import's file rows).
    /// </summary>
    public async Task<(List<Row> Rows, List<BulkCreateError> Errors)> PrepareAsync(
        IReadOnlyList<JsonElement> items, IReadOnlyList<int>? rowNumbers, bool allowDuplicates, CancellationToken cancellationToken)
    {
        var (rows, errors) = Validate(tenantId, items, rowNumbers);
        return await CheckAsync(rows, errors, allowDuplicates, cancellationToken);
    }

    /// <summary>
    /// The part of <see cref="PrepareAsync"/> that needs no database: every item validated and
    /// cleaned into a customer, or an error. An import runs it for the next batch while the
    /// current one is written.
    /// </summary>
    /// <remarks>
    /// A bulk request's error names the row's first problem (the seed's shape); an import's error
    /// file wants them all (<paramref name="everyProblem"/>, joined with "; ").
    /// </remarks>
    public static (List<Row> Rows, List<BulkCreateError> Errors) Validate(
        int tenantId, IReadOnlyList<JsonElement> items, IReadOnlyList<int>? rowNumbers, bool everyProblem = false)
    {
        var errors = new List<BulkCreateError>();
        var rows = new List<Row>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var number = rowNumbers?[i] ?? i + 1;
            var fieldErrors = new Dictionary<string, List<string>>();
            var (customer, _) = CustomerRules.ReadNew(items[i], tenantId, fieldErrors);
            if (fieldErrors.Count > 0)
            {
                var (field, message) = CustomerRules.RowError(fieldErrors, everyProblem);
                errors.Add(new BulkCreateError(number, DisplayName(items[i], customer), message, field));
            }
            else
            {
                rows.Add(new Row(number, customer));
            }
        }
        return (rows, errors);
    }

    /// <summary>
    /// The part of <see cref="PrepareAsync"/> that reads the database: drops duplicates (unless
    /// allowed) and taken usernames from validated rows. Returns new lists; the arguments stay as they were.
    /// </summary>
    public async Task<(List<Row> Rows, List<BulkCreateError> Errors)> CheckAsync(
        IReadOnlyList<Row> validRows, IReadOnlyList<BulkCreateError> validationErrors, bool allowDuplicates, CancellationToken cancellationToken)
    {
        var errors = validationErrors.ToList();
        var rows = validRows.ToList();
        if (!allowDuplicates)
        {
            rows = await RemoveDuplicatesAsync(rows, errors, cancellationToken);
        }
        rows = await RemoveTakenUsernamesAsync(rows, errors, cancellationToken);
        return (rows, errors);
    }

    /// <summary>
    /// Inserts prepared rows inside the caller's transaction and sets their ids; then writes the
    /// audit event that <paramref name="audit"/> makes from them, if any.
    /// </summary>
    public async Task WriteAsync(List<Row> rows, DateTime now, CancellationToken cancellationToken, Func<AuditEvent>? audit = null)
    {
        foreach (var row in rows)
        {
            row.Customer.Id = 0;
            row.Customer.CreatedAt = row.Customer.UpdatedAt = now;
        }
        await writer.InsertAsync(db, tenantId, rows.Select(r => r.Customer).ToList(), now, audit, cancellationToken);
    }

    private async Task<List<Row>> RemoveDuplicatesAsync(List<Row> rows, List<BulkCreateError> errors, CancellationToken cancellationToken)
    {
        var existing = await writer.FindSamePhoneAndNameAsync(db, tenantId, rows.Select(r => r.Customer).ToList(), cancellationToken);
        var existingByKey = existing
            .GroupBy(c => CustomerRules.DuplicateKey(c.Name, c.Phone))
            .ToDictionary(g => g.Key, g => g.Min(c => c.Id));

        var firstRowByKey = new Dictionary<string, int>();
        var kept = new List<Row>(rows.Count);
        foreach (var row in rows)
        {
            var key = CustomerRules.DuplicateKey(row.Customer.Name, row.Customer.Phone);
            if (existingByKey.TryGetValue(key, out var customerId))
            {
                errors.Add(new BulkCreateError(row.Number, row.Customer.Name, $"Duplicate of customer {customerId}", "name"));
            }
            else if (firstRowByKey.TryGetValue(key, out var firstRow))
            {
                errors.Add(new BulkCreateError(row.Number, row.Customer.Name, $"Duplicate of row {firstRow}", "name"));
            }
            else
            {
                firstRowByKey[key] = row.Number;
                kept.Add(row);
            }
        }
        return kept;
    }

    private async Task<List<Row>> RemoveTakenUsernamesAsync(List<Row> rows, List<BulkCreateError> errors, CancellationToken cancellationToken)
    {
        var usernames = rows.Where(r => r.Customer.Username is not null).Select(r => r.Customer.Username!).Distinct().ToList();
        if (usernames.Count == 0)
        {
            return rows;
        }
        var taken = (await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsActive && usernames.Contains(c.Username!))
            .Select(c => c.Username!)
            .ToListAsync(cancellationToken)).ToHashSet();

        var firstRowByUsername = new Dictionary<string, int>();
        var kept = new List<Row>(rows.Count);
        foreach (var row in rows)
        {
            var username = row.Customer.Username;
            if (username is not null && taken.Contains(username))
            {
                errors.Add(new BulkCreateError(row.Number, row.Customer.Name, $"Username '{username}' is already taken", "username"));
            }
            else if (username is not null && firstRowByUsername.TryGetValue(username, out var firstRow))
            {
                errors.Add(new BulkCreateError(row.Number, row.Customer.Name, $"Username '{username}' is already used by row {firstRow}", "username"));
            }
            else
            {
                if (username is not null)
                {
                    firstRowByUsername[username] = row.Number;
                }
                kept.Add(row);
            }
        }
        return kept;
    }

    private async Task<List<BulkCreateSuccess>> InsertAsync(List<Row> rows, List<BulkCreateError> errors, bool atomic, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            var now = clock.UtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await WriteAsync(rows, now, cancellationToken, () => AuditEvent.Create(tenantId, userId, AuditActions.BulkCreate, rows.Select(r => r.Customer.Id),
                    new { total = rows.Count + errors.Count, created = rows.Count, failed = errors.Count }, now));
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return rows.Select(r => new BulkCreateSuccess(r.Number, r.Customer.Id, r.Customer.Name)).ToList();
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e) && pass < MaxSavePasses)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                var before = errors.Count;
                rows = await RemoveTakenUsernamesAsync(rows, errors, cancellationToken);
                if (errors.Count == before)
                {
                    throw;
                }
                if (atomic || rows.Count == 0)
                {
                    return [];
                }
            }
        }
    }

    private static BulkCreateResponse Response(int total, List<BulkCreateSuccess> created, List<BulkCreateError> errors) =>
        new(created, errors.OrderBy(e => e.Row).ToList(), new BulkCreateSummary(total, created.Count, total - created.Count));

    /// <summary>The name to show beside a failed row: cleaned if it could be read, else as sent.</summary>
    private static string? DisplayName(JsonElement item, Customer customer)
    {
        if (customer.Name.Length > 0)
        {
            return customer.Name;
        }
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || JsonStrings.FindInvalid(name) is not null)
        {
            return null;
        }
        var sent = name.GetString()!;
        return sent.Length > CustomerRules.NameMaxLength ? sent[..CustomerRules.NameMaxLength] + "…" : sent;
    }
}

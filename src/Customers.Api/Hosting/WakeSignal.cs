namespace Customers.Api.Hosting;

/// <summary>
/// Wakes one background loop. Any number of <see cref="Set"/> calls before the loop next waits
/// count as one: the loop then does all the work that is due.
/// </summary>
public sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Set()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);

    public void Dispose() => signal.Dispose();
}

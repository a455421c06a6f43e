namespace Customers.Api.Hosting;

/// <summary>The loop every background service runs: steps until the host stops, a failed step logged and the loop carried on.</summary>
public static class BackgroundLoop
{
    /// <summary>
    /// Runs <paramref name="step"/> until the host stops or a step returns false. A step that
    /// throws goes to <paramref name="onFailure"/> (which logs it, and may wait before the next).
    /// </summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task<bool>> step, Func<Exception, CancellationToken, Task> onFailure, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await step(stoppingToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                try
                {
                    await onFailure(e, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}

using Microsoft.AspNetCore.Components;
using Talus.Web.Data;

namespace Talus.Web.Components;

/// <summary>
/// A component that uses the database on a context of its own. Sibling components on one page initialise
/// concurrently, and a DbContext must never be used by two operations at once (on PostgreSQL they truly overlap).
/// </summary>
public abstract class OwnDbComponent : ComponentBase, IAsyncDisposable
{
    private AsyncServiceScope? scope;

    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;

    protected ClinicDb Db => (scope ??= Scopes.CreateAsyncScope()).ServiceProvider.GetRequiredService<ClinicDb>();

    public async ValueTask DisposeAsync()
    {
        if (scope is { } s)
        {
            await s.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

using System.Reactive.Concurrency;
using GameServer.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GameServer.Jobs;

/// <summary>Registers the job scheduler and, one call each, the jobs of the features.</summary>
public static class JobsFeature
{
    /// <summary>
    /// Adds the scheduler as a hosted service, its clock the server's <see cref="TimeProvider"/>: a test
    /// that registers a fake TimeProvider moves the jobs and every other reader of the time together.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobSchedulerOptions>(configuration, JobSchedulerOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IScheduler>(sp => new TimeProviderScheduler(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JobMetrics>();

        // Cluster mode registers its own gate first; one process runs every run.
        services.TryAddSingleton<IJobRunGate, EveryRunGate>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        return services;
    }

    /// <summary>Adds <typeparamref name="TJob"/> to the schedule; adding the same job twice registers it once.</summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services)
        where TJob : class, IJob
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJob, TJob>());
        return services;
    }
}

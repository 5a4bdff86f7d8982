using System.Reactive.Concurrency;
using GameServer.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GameServer.Jobs;

/// <summary>Registers the job scheduler and, one call each, the jobs of the features.</summary>
public static class JobsFeature
{
    /// <summary>Adds the scheduler as a hosted service on <see cref="DefaultScheduler"/>; tests register their own <see cref="IScheduler"/>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobSchedulerOptions>(configuration, JobSchedulerOptions.Section);
        services.TryAddSingleton<IScheduler>(DefaultScheduler.Instance);
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

// Each test starts its own server on its own port and database, so fixtures may run side by side.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

using System.CommandLine;

namespace GameServer.Storage.Commands;

/// <summary>Placeholder until the copy lands.</summary>
public static class CopyCommand
{
    public const string Name = "copy";

    public static Command Create() => new(Name, "Copies every record from one provider to another.");
}

using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Publishing;

namespace UpdateServer.Server.Bulletins;

/// <summary>A new bulletin target whose document passed every check: the target, the parsed document and its exact bytes.</summary>
public sealed record InspectedBulletin(PlannedBulletin Target, Bulletin Document, byte[] Bytes);

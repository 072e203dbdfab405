using System.Collections.Generic;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>One page of GET /oauth/installedLocations.</summary>
    internal sealed class InstalledLocationsPage
    {
        public List<InstalledLocation> Locations { get; } = new List<InstalledLocation>();
        public int? Count { get; set; }
    }
}

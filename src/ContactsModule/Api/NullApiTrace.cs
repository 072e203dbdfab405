namespace ContactsModule.Api
{
    internal sealed class NullApiTrace : IApiTrace
    {
        public static readonly NullApiTrace Instance = new NullApiTrace();
        public void Verbose(string message) { }
        public void Debug(string message) { }
    }
}

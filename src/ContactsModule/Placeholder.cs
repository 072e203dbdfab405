namespace ContactsModule { internal static class Placeholder { } }

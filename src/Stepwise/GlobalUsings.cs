// Every module returns Outcome<T> and maps it with OutcomeResults.
global using Stepwise.Api;

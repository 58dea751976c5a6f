Console.Error.WriteLine("zauth: not implemented yet"); return 2;

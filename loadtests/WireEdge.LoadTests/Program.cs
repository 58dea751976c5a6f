Console.Error.WriteLine("wireedge-load: not implemented yet"); return 2;

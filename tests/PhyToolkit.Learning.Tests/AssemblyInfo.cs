// TorchSharp's global generator and thread pool are process-wide; run test classes one at a time (2-core CI machine).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

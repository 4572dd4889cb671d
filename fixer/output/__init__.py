"""Output formats. Each renders `FileReport`s; none computes anything but presentation."""

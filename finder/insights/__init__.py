"""What residents miss, counted without watching them: searches per day, need and wijk."""

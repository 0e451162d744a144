from migcycle.cli import main

main()

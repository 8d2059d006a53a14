from deskeditor.cli import main

raise SystemExit(main())

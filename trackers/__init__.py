"""The Rasa server's side: the SQL tracker store (kept in memory between turns, able to forget a
conversation) and the speed-ups it installs in the Rasa process."""

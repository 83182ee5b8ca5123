"""Given names and family names that belong together, with the language they often bring.

Family names are ones that do not change with gender, so any first name in a group
can go with any last name in it.
"""

from __future__ import annotations

from mensch.demo.schema import NameGroup, split_names

NAME_GROUPS: tuple[NameGroup, ...] = (
    NameGroup(
        key="anglo",
        language=None,
        first=split_names(
            "Dana, James, Emma, Oliver, Sophie, Liam, Grace, Tom, Hannah, Ben, Chloe, Ryan,"
            " Megan, Jack, Lucy, Sam, Ella, Harry, Isla, Callum, Rachel, Marcus, Abigail,"
            " Nathan, Kirsty, Jordan, Alice, Owen, Freya, Daniel, Jess, Mark, Helen, Craig,"
            " Laura, Peter, Naomi, Simon, Bethany, Gareth, Zoe, Adam, Caitlin, Rob"
        ),
        last=split_names(
            "Walsh, Turner, Hughes, Bennett, Clarke, Foster, Reid, Murray, Campbell, Fraser,"
            " Robertson, Cooper, Price, Harper, Ellis, Wood, Shaw, Hayes, Brooks, Palmer,"
            " Whitfield, Baxter, Morgan, Lawson, Fletcher, Gibson, Holt, Marsh, Sutton,"
            " Pearce, Webb, Kerr, Armstrong, Bishop, Carver, Dawson, Riley, Hale, Stewart"
        ),
    ),
    NameGroup(
        key="irish",
        language=None,
        first=split_names(
            "Siobhán, Niamh, Ciarán, Aoife, Seán, Róisín, Declan, Orla, Eoin, Clodagh,"
            " Padraig, Saoirse"
        ),
        last=split_names(
            "O'Brien, Byrne, Kelly, Murphy, Gallagher, Doyle, Kavanagh, O'Sullivan,"
            " McCarthy, Brennan, Quinn, Lynch"
        ),
    ),
    NameGroup(
        key="german",
        language="German",
        first=split_names(
            "Lukas, Anna, Jonas, Lea, Felix, Marie, Katrin, Tobias, Jana, Matthias, Sabine,"
            " Florian, Miriam, Stefan, Nele, Jörg"
        ),
        last=split_names(
            "Müller, Schmidt, Becker, Hoffmann, Wagner, Schäfer, Koch, Richter, Krüger,"
            " Neumann, Braun, Zimmermann, Hartmann, Vogel"
        ),
    ),
    NameGroup(
        key="french",
        language="French",
        first=split_names(
            "Camille, Julien, Léa, Mathieu, Chloé, Antoine, Manon, Nicolas, Élodie, Hugo,"
            " Margaux, Théo, Sandrine, Guillaume, Inès, Benoît"
        ),
        last=split_names(
            "Martin, Bernard, Dubois, Moreau, Laurent, Lefèvre, Girard, Fontaine, Rousseau,"
            " Mercier, Gagnon, Tremblay, Bouchard, Roy"
        ),
    ),
    NameGroup(
        key="swedish",
        language="Swedish",
        first=split_names(
            "Erik, Astrid, Lars, Ingrid, Johan, Maja, Nils, Elin, Oskar, Saga, Linnea, Henrik"
        ),
        last=split_names(
            "Lindqvist, Andersson, Johansson, Berg, Nyström, Sandberg, Holm, Ek, Lund,"
            " Sjöberg, Engström, Wallin"
        ),
    ),
    NameGroup(
        key="spanish",
        language="Spanish",
        first=split_names(
            "Lucía, Mateo, Sofía, Diego, Valentina, Javier, Camila, Andrés, Isabel, Carlos,"
            " Marisol, Alejandro, Paola, Rodrigo, Ximena, Luis"
        ),
        last=split_names(
            "García, Rodríguez, Martínez, López, Hernández, Morales, Castillo, Vargas,"
            " Ortega, Ruiz, Navarro, Delgado, Fuentes, Ibarra"
        ),
    ),
    NameGroup(
        key="portuguese",
        language="Portuguese",
        first=split_names(
            "João, Beatriz, Thiago, Mariana, Rafael, Larissa, Gustavo, Fernanda, Bruno, Luana"
        ),
        last=split_names(
            "Silva, Santos, Oliveira, Costa, Pereira, Almeida, Carvalho, Ribeiro, Barbosa, Moura"
        ),
    ),
    NameGroup(
        key="italian",
        language="Italian",
        first=split_names(
            "Giulia, Marco, Chiara, Luca, Francesca, Matteo, Alessandro, Elena, Davide, Martina"
        ),
        last=split_names(
            "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Greco, Conti"
        ),
    ),
    NameGroup(
        key="polish",
        language="Polish",
        first=split_names(
            "Agnieszka, Piotr, Katarzyna, Tomasz, Magdalena, Paweł, Aleksandra, Marek,"
            " Zofia, Krzysztof"
        ),
        last=split_names("Nowak, Mazur, Krawczyk, Zając, Wróbel, Pawlak, Dudek, Sikora"),
    ),
    NameGroup(
        key="ukrainian",
        language="Ukrainian",
        first=split_names("Olena, Andrii, Iryna, Dmytro, Oksana, Taras, Yulia, Bohdan"),
        last=split_names("Kovalenko, Shevchenko, Bondarenko, Tkachenko, Kravchenko, Melnyk"),
    ),
    NameGroup(
        key="turkish",
        language="Turkish",
        first=split_names("Elif, Emre, Zeynep, Can, Ayşe, Mehmet, Selin, Burak, Deniz"),
        last=split_names("Yılmaz, Kaya, Demir, Şahin, Çelik, Aydın, Öztürk, Arslan"),
    ),
    NameGroup(
        key="arabic",
        language="Arabic",
        first=split_names("Rania, Omar, Layla, Karim, Nour, Youssef, Samir, Hala, Tarek"),
        last=split_names("Haddad, Khoury, Nassar, Saleh, Mansour, Aziz, Hamdan, Sabbagh"),
    ),
    NameGroup(
        key="persian",
        language="Persian",
        first=split_names("Shirin, Arash, Leila, Kian, Parisa, Reza, Nasrin, Dariush"),
        last=split_names("Ahmadi, Hosseini, Karimi, Moradi, Rahimi, Tehrani"),
    ),
    NameGroup(
        key="hebrew",
        language="Hebrew",
        first=split_names("Noa, Yael, Eitan, Tamar, Avi, Shira, Oren, Maya"),
        last=split_names("Cohen, Levi, Mizrahi, Friedman, Peretz, Azoulay"),
    ),
    NameGroup(
        key="yoruba",
        language="Yoruba",
        first=split_names("Tunde, Folake, Yewande, Adebayo, Bisi, Kunle, Funmi, Seun"),
        last=split_names("Adeyemi, Balogun, Ogunleye, Adebayo, Olawale, Akinola, Oyelaran"),
    ),
    NameGroup(
        key="igbo",
        language="Igbo",
        first=split_names("Chidi, Ngozi, Emeka, Adaeze, Obinna, Chiamaka, Ifeanyi, Nkechi"),
        last=split_names("Okafor, Okonkwo, Eze, Nwosu, Obi, Okeke, Nwachukwu"),
    ),
    NameGroup(
        key="ghanaian",
        language="Twi",
        first=split_names("Kwame, Ama, Kofi, Akosua, Yaw, Efua, Kwabena, Abena"),
        last=split_names("Mensah, Boateng, Asante, Owusu, Appiah, Osei, Agyeman"),
    ),
    NameGroup(
        key="somali",
        language="Somali",
        first=split_names("Hodan, Abdi, Ayaan, Mahad, Sagal, Liban, Ubah"),
        last=split_names("Warsame, Abdullahi, Farah, Osman, Mohamud, Jama"),
    ),
    NameGroup(
        key="hindi",
        language="Hindi",
        first=split_names("Priya, Arjun, Ananya, Rohan, Kavya, Vikram, Neha, Rahul, Pooja, Aditya"),
        last=split_names("Sharma, Patel, Kapoor, Mehta, Gupta, Desai, Malhotra, Joshi"),
    ),
    NameGroup(
        key="tamil",
        language="Tamil",
        first=split_names("Karthik, Lakshmi, Arun, Divya, Senthil, Meena, Prakash, Revathi"),
        last=split_names("Iyer, Krishnan, Subramanian, Raman, Natarajan, Pillai"),
    ),
    NameGroup(
        key="urdu",
        language="Urdu",
        first=split_names("Aisha, Imran, Sana, Bilal, Zainab, Hamza, Fatima, Usman"),
        last=split_names("Khan, Malik, Qureshi, Hussain, Sheikh, Chaudhry, Akhtar"),
    ),
    NameGroup(
        key="mandarin",
        language="Mandarin",
        first=split_names("Wei, Mei, Jun, Lin, Xin, Hao, Yan, Jing, Ming, Qian"),
        last=split_names("Chen, Wang, Li, Zhang, Liu, Huang, Zhou, Wu, Xu, Lin"),
    ),
    NameGroup(
        key="vietnamese",
        language="Vietnamese",
        first=split_names("Linh, Minh, Thao, Quang, Huong, Tuan, Lan, Duc"),
        last=split_names("Nguyen, Tran, Le, Pham, Hoang, Vu, Dang"),
    ),
    NameGroup(
        key="korean",
        language="Korean",
        first=split_names("Ji-woo, Min-jun, Seo-yeon, Hyun, Soo-ah, Jae-won, Eun-ji"),
        last=split_names("Kim, Lee, Park, Choi, Jung, Kang, Yoon"),
    ),
    NameGroup(
        key="japanese",
        language="Japanese",
        first=split_names("Yuki, Haruto, Aiko, Kenji, Sakura, Ren, Emi, Takumi"),
        last=split_names("Tanaka, Sato, Suzuki, Takahashi, Watanabe, Yamamoto, Nakamura"),
    ),
    NameGroup(
        key="filipino",
        language="Tagalog",
        first=split_names("Angelica, Jose, Kristine, Paolo, Maricel, Rey, Jasmine"),
        last=split_names("Santos, Reyes, Cruz, Bautista, Mendoza, Villanueva, Dela Cruz"),
    ),
)
